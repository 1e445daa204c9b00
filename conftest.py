# nameko's pytest plugin no longer patches; everything below runs on green threads.
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # eventlet's own deprecation notice; nameko 2 needs it
    import eventlet

eventlet.monkey_patch()

# The system started as processes (tests/e2e, tests/browser); the mail and webhook receivers.
pytest_plugins = ["tests.system_fixtures", "tests.receivers"]
