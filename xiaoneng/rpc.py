"""A standalone RPC proxy that signs its calls, for tools outside the services (the tests,
the benchmarks): services answer only their own parties (chassis.identity)."""

from chassis import identity


def rpc(config, service=None, party="standalone_rpc_proxy", **options):
    """A standalone RPC proxy — to ``service``, or to any (a cluster proxy) — that says who
    sends its calls (``user_id``, the config's broker user): services answer only their own
    parties (chassis.identity). ``party`` names its reply queue, which a party's broker user
    may declare only under its own name (xiaoneng.broker). nameko's standalone proxies take
    no publish options, so the proxy objects are made here with them."""
    from nameko.rpc import ServiceProxy
    from nameko.standalone.rpc import ClusterProxy, StandaloneProxyBase

    user_id = identity.user_of_uri(config["AMQP_URI"])

    class Signed(ClusterProxy):
        def __getattr__(self, name):
            if name.startswith("_"):
                raise AttributeError(name)
            if name not in self._proxies:
                self._proxies[name] = ServiceProxy(self._worker_ctx, name,
                                                   self._reply_listener, user_id=user_id)
            return self._proxies[name]

    class Container(StandaloneProxyBase.ServiceContainer):
        service_name = party

    class Standalone(StandaloneProxyBase):
        ServiceContainer = Container

    standalone = Standalone(config, **options)
    cluster = Signed(standalone._worker_ctx, standalone._reply_listener)
    standalone._proxy = getattr(cluster, service) if service else cluster
    return standalone
