"""The chassis: mechanisms every Xiaoneng service shares, and no business rules."""
