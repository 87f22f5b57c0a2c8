"""What the engine says about itself: one broker, one partition, always the leader."""

from __future__ import annotations

from typing import Any

from pyzeebe.proto import gateway_pb2 as pb

GATEWAY_VERSION = "8.9.0"
CLUSTER_ID = "embedded-engine"


class Topology:
    def __init__(self, host: str, grpc_port: int, partition_id: int) -> None:
        self.host = host
        self.grpc_port = grpc_port
        self.partition_id = partition_id

    def grpc_response(self) -> Any:
        broker = pb.BrokerInfo(
            nodeId=0,
            host=self.host,
            port=self.grpc_port,
            version=GATEWAY_VERSION,
            partitions=[
                pb.Partition(
                    partitionId=self.partition_id, role=pb.Partition.LEADER, health=pb.Partition.HEALTHY
                )
            ],
        )
        return pb.TopologyResponse(
            brokers=[broker],
            clusterSize=1,
            partitionsCount=1,
            replicationFactor=1,
            gatewayVersion=GATEWAY_VERSION,
        )

    def rest_response(self) -> dict[str, Any]:
        return {
            "clusterId": CLUSTER_ID,
            "brokers": [
                {
                    "nodeId": 0,
                    "host": self.host,
                    "port": self.grpc_port,
                    "partitions": [{"partitionId": self.partition_id, "role": "leader", "health": "healthy"}],
                    "version": GATEWAY_VERSION,
                }
            ],
            "clusterSize": 1,
            "partitionsCount": 1,
            "replicationFactor": 1,
            "gatewayVersion": GATEWAY_VERSION,
            "lastCompletedChangeId": "-1",
        }
