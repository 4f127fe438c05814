package io.scrapr.testkit.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmInfo;
import java.io.IOException;

/**
 * Tells whether a Docker engine answers and whether it is a manager of an active Swarm, with a
 * reason a skipped test can print: {@code assumeTrue(docker.swarmReady(), docker.reason())}.
 *
 * @param engine a Docker engine answered a ping
 * @param swarm the engine is a manager of an active Swarm
 * @param reason why a test needing the Swarm cannot run, or {@code "ready"}
 */
public record DockerAvailability(boolean engine, boolean swarm, String reason) {
  private static final String HOW_TO =
      "; run swarm/lib/ensure-docker.sh to install and start one (see shared/SWARM-LOCAL.md)";

  /** Returns whether a Docker engine and an active Swarm it manages are both reachable. */
  public boolean swarmReady() {
    return engine && swarm;
  }

  /** Probes the engine the environment names ({@code DOCKER_HOST} or the local socket). */
  public static DockerAvailability probe() {
    try (DockerClient docker = LocalDocker.connect()) {
      return probe(docker);
    } catch (IOException | RuntimeException e) {
      return new DockerAvailability(false, false, "no Docker engine answers: " + e + HOW_TO);
    }
  }

  /** Probes the engine behind a client. */
  public static DockerAvailability probe(DockerClient docker) {
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      return new DockerAvailability(false, false, "no Docker engine answers: " + e + HOW_TO);
    }
    try {
      Info info = docker.infoCmd().exec();
      SwarmInfo swarm = info.getSwarm();
      LocalNodeState state = swarm == null ? null : swarm.getLocalNodeState();
      if (state != LocalNodeState.ACTIVE) {
        return new DockerAvailability(
            true,
            false,
            "the Docker engine is not in an active Swarm (state " + state + ")" + HOW_TO);
      }
      if (!Boolean.TRUE.equals(swarm.getControlAvailable())) {
        return new DockerAvailability(
            true, false, "the Docker engine is a Swarm worker; services need a manager" + HOW_TO);
      }
      return new DockerAvailability(true, true, "ready");
    } catch (RuntimeException e) {
      return new DockerAvailability(true, false, "docker info failed: " + e + HOW_TO);
    }
  }
}
