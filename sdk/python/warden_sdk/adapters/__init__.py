"""Framework adapters. The frameworks are optional: nothing here imports them unless present."""
