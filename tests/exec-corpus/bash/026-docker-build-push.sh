#!/usr/bin/env bash
set -e
IMAGE=registry.example.com/team/app
TAG=$(git rev-parse --short HEAD)
docker build -t "$IMAGE:$TAG" .
echo "$REGISTRY_PASSWORD" | docker login registry.example.com -u ci --password-stdin
docker push "$IMAGE:$TAG"
