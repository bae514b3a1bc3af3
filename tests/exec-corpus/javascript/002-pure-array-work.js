const orders = [{ total: 12.5 }, { total: 7.25 }, { total: 30 }];

function exec(list) {
  return list.reduce((sum, order) => sum + order.total, 0);
}

const total = exec(orders);
const expensive = orders.filter((o) => o.total > 10).map((o) => ({ ...o, flagged: true }));
console.log(total.toFixed(2), JSON.stringify(expensive));
