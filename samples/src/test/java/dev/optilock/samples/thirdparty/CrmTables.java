package dev.optilock.samples.thirdparty;

import com.example.crm.Address;
import com.example.crm.Customer;
import dev.optilock.VersionedType;

/**
 * Makes two classes of the "CRM library" (module samples-legacy, compiled without optilock)
 * versioned: the processor writes CustomerRepository and AddressRepository into this package.
 */
@VersionedType(value = Customer.class, id = "id", table = "crm_customer", versionColumn = "row_version")
@VersionedType(value = Address.class, id = {"customerId", "label"})
final class CrmTables {
  private CrmTables() {}
}
