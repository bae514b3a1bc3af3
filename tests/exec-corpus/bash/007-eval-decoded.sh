eval "$(printf '%s' "aWQ=" | base64 --decode)"
