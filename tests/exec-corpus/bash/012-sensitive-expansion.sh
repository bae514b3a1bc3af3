export PGPASSWORD="$DB_PASSWORD"
psql -h db.internal -U app -c "select count(*) from users"
