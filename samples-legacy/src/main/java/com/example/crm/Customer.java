package com.example.crm;

import java.util.Objects;

/**
 * A JavaBean from a "CRM library": private fields, a no-arg constructor, getters and setters, and no
 * version field. The application cannot edit it.
 */
public class Customer {
  private long id;
  private String name;
  private String email;
  private transient int cachedHash;

  public Customer() {}

  public Customer(long id, String name, String email) {
    this.id = id;
    this.name = name;
    this.email = email;
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Customer c && id == c.id && Objects.equals(name, c.name)
        && Objects.equals(email, c.email);
  }

  @Override
  public int hashCode() {
    if (cachedHash == 0) {
      cachedHash = Objects.hash(id, name, email);
    }
    return cachedHash;
  }

  @Override
  public String toString() {
    return "Customer[id=" + id + ", name=" + name + ", email=" + email + "]";
  }
}
