source ./config.env
python3 scripts/train.py --epochs 3
