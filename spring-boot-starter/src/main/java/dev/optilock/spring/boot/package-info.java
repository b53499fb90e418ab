/**
 * Spring Boot auto-configuration for optilock: every generated repository a bean, on a data source
 * that joins Spring's transactions ({@link dev.optilock.spring.boot.OptilockAutoConfiguration}), and
 * conflicts as HTTP 409 problem details in Spring MVC ({@link
 * dev.optilock.spring.boot.OptilockWebMvcAutoConfiguration}). See {@code docs/spring-boot.md}.
 */
package dev.optilock.spring.boot;
