#!/usr/bin/env bash
set -euo pipefail

BACKUP_DIR=out/backups
STAMP=$(date +%Y%m%d-%H%M%S)
mkdir -p "$BACKUP_DIR"
tar -czf "$BACKUP_DIR/data-$STAMP.tar.gz" data/
find "$BACKUP_DIR" -name '*.tar.gz' -mtime +7 -delete
ls -1 "$BACKUP_DIR" | wc -l
