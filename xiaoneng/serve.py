"""Run one part of the system by name: ``python -m xiaoneng.serve posts`` (or ``gateway``)."""

import sys

from xiaoneng import GATEWAY, SERVICE_CLASSES


def main(argv):
    if len(argv) != 1 or argv[0] not in {*SERVICE_CLASSES, "gateway"}:
        sys.exit(f"usage: python -m xiaoneng.serve {{{'|'.join([*SERVICE_CLASSES, 'gateway'])}}}")
    from chassis import runner  # patches eventlet before nameko loads the service

    runner.main([GATEWAY if argv[0] == "gateway" else SERVICE_CLASSES[argv[0]]])


if __name__ == "__main__":
    main(sys.argv[1:])
