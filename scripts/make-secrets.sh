#!/bin/sh
# Fresh secrets for docker-compose.yml, as an .env file: scripts/make-secrets.sh > .env
# (then chmod 600 .env). Hex values: safe inside the URIs compose builds from them.
set -eu
secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
umask 077
echo "RABBITMQ_ADMIN_USERNAME=xiaoneng-admin"
echo "RABBITMQ_ADMIN_PASSWORD=$(secret)"
echo "POSTGRES_PASSWORD=$(secret)"
echo "XIAONENG_JWT_SECRET=$(secret)$(secret)"
echo "XIAONENG_ADMIN_USERNAME=admin"
echo "XIAONENG_ADMIN_PASSWORD=$(secret)"
for party in POSTS ATTENDANCE DOCUMENTS INQUIRIES ACCOUNTABILITY NOTIFICATIONS GATEWAY INTAKE; do
    echo "XIAONENG_${party}_BROKER_PASSWORD=$(secret)"
done
