# nameko's pytest plugin no longer patches; everything below runs on green threads.
import eventlet

eventlet.monkey_patch()
