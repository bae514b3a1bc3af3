#!/bin/bash
export AWS_ACCESS_KEY_ID="$AWS_KEY"
aws s3 cp out/report.csv s3://reports-bucket/daily/ --region eu-west-1
echo "uploaded at $(date)"
