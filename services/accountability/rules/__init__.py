"""责任追究制 rules, pure: ``grading`` (policy, severity, natures, leader responsibility)
and ``judgement`` (what people decide: explanations, waivers, decisions, duty failures)."""
