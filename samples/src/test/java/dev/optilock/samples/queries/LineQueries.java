package dev.optilock.samples.queries;

import dev.optilock.Queries;
import dev.optilock.Sql;
import dev.optilock.samples.modelling.OrderLine;
import java.util.List;

/** Queries of an entity with a composite key, in another package than the entity. */
@Queries(OrderLine.class)
public interface LineQueries {
  List<OrderLine> findByOrderIdOrderByLineNoDesc(long orderId);

  List<OrderLine> findByOrderIdAndQuantityGreaterThan(long orderId, int quantity);

  @Sql("SELECT * FROM order_line WHERE product = :product ORDER BY order_id, line_no")
  List<OrderLine> withProduct(String product);
}
