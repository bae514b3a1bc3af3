git pull origin main && npm ci
npm run build
