#!/usr/bin/env bash
curl -s -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user | jq -r .login
