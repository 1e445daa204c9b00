"""The published language of calls: the payload schemas of each service's RPC methods.

A service loads its arguments and dumps its answers with them; the gateway validates
bodies and query strings with them and documents them in OpenAPI. Neither imports the
other's code: both import these (docs/architecture.md, "Boundaries").
"""
