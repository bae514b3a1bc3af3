scp dist.tar.gz deploy@web1.example.com:/srv/app/
ssh deploy@web1.example.com 'systemctl restart app'
