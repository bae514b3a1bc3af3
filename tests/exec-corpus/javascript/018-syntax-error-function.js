function total(items {
  return items.length;
}
