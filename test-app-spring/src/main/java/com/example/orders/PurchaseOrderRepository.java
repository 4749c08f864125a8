package com.example.orders;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Spring Data JPA's repository of orders, on Hibernate. */
public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

    @Query("select coalesce(sum(o.cents), 0) from PurchaseOrder o")
    long totalCents();
}
