#!/usr/bin/env bash
# Makes sure RabbitMQ answers on 127.0.0.1:5672 with its management API on 15672:
# starts the local server, or the compose one where Docker runs, or installs
# Debian's rabbitmq-server. A non-local AMQP_URI is left alone.
set -euo pipefail
case "${AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/}" in
  *@127.0.0.1:*|*@localhost:*|*@127.0.0.1/*|*@localhost/*) ;;
  *) exit 0 ;;
esac

open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
wait_for() {
  for _ in $(seq 1 90); do open "$1" && return 0; sleep 1; done
  echo "RabbitMQ did not open port $1" >&2; return 1
}

if ! open 5672; then
  if ! command -v rabbitmq-server >/dev/null && docker info >/dev/null 2>&1; then
    echo "starting RabbitMQ with docker compose ..."
    docker compose up -d rabbitmq
  else
    if ! command -v rabbitmq-server >/dev/null; then
      echo "installing Debian's rabbitmq-server ..."
      sudo_cmd apt-get update -q
      sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server
    fi
    echo "starting the local RabbitMQ ..."
    sudo_cmd rabbitmq-server -detached || true
  fi
  wait_for 5672
fi
if ! open 15672 && command -v rabbitmq-plugins >/dev/null; then
  sudo_cmd rabbitmq-plugins enable rabbitmq_management >/dev/null
fi
wait_for 15672
