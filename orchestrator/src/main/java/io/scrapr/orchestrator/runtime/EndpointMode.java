package io.scrapr.orchestrator.runtime;

/** How other services reach a Swarm service's tasks ({@code SCRAPR_ENDPOINT_MODE}). */
public enum EndpointMode {
  /** One virtual IP, load-balanced by IPVS: Swarm's default. */
  VIP,
  /** DNS round robin over the tasks' addresses: for kernels without IPVS. */
  DNSRR
}
