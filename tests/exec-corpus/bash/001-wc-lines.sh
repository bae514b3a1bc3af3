#!/usr/bin/env bash
set -euo pipefail
wc -l data/*.csv
