-- Each buyer's orders by business day, with the payment time: the new-customer share ranks the paid
-- orders of a period's buyers on this index alone, without reading the orders themselves.
DROP INDEX orders_customer;
CREATE INDEX orders_customer ON orders (customer_id, day, paid_at);
