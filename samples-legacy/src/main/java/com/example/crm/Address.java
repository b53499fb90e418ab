package com.example.crm;

/** An immutable record from the "CRM library", keyed by customer and label: no version field. */
public record Address(long customerId, String label, String street, String city) {}
