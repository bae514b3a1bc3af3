const { DATABASE_URL, STRIPE_SECRET_KEY } = process.env;

console.log(Boolean(DATABASE_URL), STRIPE_SECRET_KEY.length);
