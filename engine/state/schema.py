"""Tables of the engine. Times are epoch milliseconds; JSON documents are stored as text."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

Key = BigInteger

schema_version = Table("engine_schema_version", metadata, Column("version", Integer, primary_key=True))

key_blocks = Table(
    "engine_key_blocks",
    metadata,
    Column("partition_id", Integer, primary_key=True),
    Column("next_counter", BigInteger, nullable=False),
)

process_definitions = Table(
    "engine_process_definitions",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name", String(255)),
    Column("resource_name", String(1024), nullable=False),
    Column("resource", Text, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("deployment_key", Key, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    Column("deployed_at", BigInteger, nullable=False),
    UniqueConstraint("bpmn_process_id", "version", "tenant_id"),
)

forms = Table(
    "engine_forms",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("form_id", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Column("resource_name", String(1024), nullable=False),
    Column("resource", Text, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("deployment_key", Key, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    UniqueConstraint("form_id", "version", "tenant_id"),
)

start_triggers = Table(
    "engine_start_triggers",
    metadata,
    Column("definition_key", Key, nullable=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("element_id", String(255), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name", String(1024), nullable=False),
    Index("ix_engine_start_triggers_kind_name", "kind", "name"),
)

process_instances = Table(
    "engine_process_instances",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("definition_key", Key, nullable=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("started_at", BigInteger, nullable=False),
    Column("ended_at", BigInteger),
    Column("parent_process_instance_key", Key),
    Column("parent_element_instance_key", Key),
    Column("start_correlation_key", String(1024)),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_pi_state", "state"),
    Index("ix_engine_pi_process", "bpmn_process_id", "start_correlation_key"),
)

element_instances = Table(
    "engine_element_instances",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("process_instance_key", Key, nullable=False),
    Column("element_id", String(255), nullable=False),
    Column("element_type", String(64), nullable=False),
    Column("flow_scope_key", Key),
    Column("state", String(16), nullable=False),
    Column("started_at", BigInteger, nullable=False),
    Column("ended_at", BigInteger),
    Column("data", Text),
    Index("ix_engine_ei_instance", "process_instance_key"),
)

variables = Table(
    "engine_variables",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("scope_key", Key, nullable=False),
    Column("process_instance_key", Key, nullable=False),
    Column("name", String(1024), nullable=False),
    Column("value", Text, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
    UniqueConstraint("scope_key", "name"),
    Index("ix_engine_variables_instance", "process_instance_key"),
)

jobs = Table(
    "engine_jobs",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("type", String(1024), nullable=False),
    Column("state", String(24), nullable=False),
    Column("retries", Integer, nullable=False),
    Column("deadline", BigInteger),
    Column("activatable_at", BigInteger, nullable=False),
    Column("worker", String(1024)),
    Column("process_instance_key", Key, nullable=False),
    Column("element_instance_key", Key, nullable=False),
    Column("element_id", String(255), nullable=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("definition_key", Key, nullable=False),
    Column("version", Integer, nullable=False),
    Column("headers", Text, nullable=False),
    Column("error_message", Text),
    Column("created_at", BigInteger, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_jobs_activation", "type", "state", "activatable_at"),
    Index("ix_engine_jobs_deadline", "state", "deadline"),
    Index("ix_engine_jobs_element", "element_instance_key"),
)

incidents = Table(
    "engine_incidents",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("process_instance_key", Key, nullable=False),
    Column("element_instance_key", Key, nullable=False),
    Column("element_id", String(255), nullable=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("definition_key", Key, nullable=False),
    Column("job_key", Key),
    Column("error_type", String(64), nullable=False),
    Column("error_message", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("resolved_at", BigInteger),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_incidents_instance", "process_instance_key"),
    Index("ix_engine_incidents_element", "element_instance_key"),
)

message_subscriptions = Table(
    "engine_message_subscriptions",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("message_name", String(1024), nullable=False),
    Column("correlation_key", String(1024), nullable=False),
    Column("process_instance_key", Key, nullable=False),
    Column("element_instance_key", Key, nullable=False),
    Column("catch_element_id", String(255), nullable=False),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("interrupting", Boolean, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_msub_match", "message_name", "correlation_key"),
    Index("ix_engine_msub_element", "element_instance_key"),
)

messages = Table(
    "engine_messages",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("name", String(1024), nullable=False),
    Column("correlation_key", String(1024), nullable=False),
    Column("message_id", String(1024)),
    Column("variables", Text, nullable=False),
    Column("published_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_messages_match", "name", "correlation_key"),
    Index("ix_engine_messages_expiry", "expires_at"),
)

message_correlations = Table(
    "engine_message_correlations",
    metadata,
    Column("message_key", Key, primary_key=True, autoincrement=False),
    Column("bpmn_process_id", String(255), primary_key=True),
)

signal_subscriptions = Table(
    "engine_signal_subscriptions",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("signal_name", String(1024), nullable=False),
    Column("process_instance_key", Key, nullable=False),
    Column("element_instance_key", Key, nullable=False),
    Column("catch_element_id", String(255), nullable=False),
    Column("interrupting", Boolean, nullable=False),
    Index("ix_engine_ssub_name", "signal_name"),
    Index("ix_engine_ssub_element", "element_instance_key"),
)

timers = Table(
    "engine_timers",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("due_at", BigInteger, nullable=False),
    Column("process_instance_key", Key),
    Column("element_instance_key", Key),
    Column("catch_element_id", String(255), nullable=False),
    Column("definition_key", Key, nullable=False),
    Column("repetitions", Integer, nullable=False),
    Column("interval", String(255)),
    Column("interrupting", Boolean, nullable=False),
    Index("ix_engine_timers_due", "due_at"),
    Index("ix_engine_timers_element", "element_instance_key"),
)

user_tasks = Table(
    "engine_user_tasks",
    metadata,
    Column("key", Key, primary_key=True, autoincrement=False),
    Column("element_instance_key", Key, nullable=False),
    Column("process_instance_key", Key, nullable=False),
    Column("element_id", String(255), nullable=False),
    Column("name", String(1024)),
    Column("bpmn_process_id", String(255), nullable=False),
    Column("definition_key", Key, nullable=False),
    Column("version", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("assignee", String(1024)),
    Column("candidate_groups", Text, nullable=False),
    Column("candidate_users", Text, nullable=False),
    Column("due_date", String(64)),
    Column("follow_up_date", String(64)),
    Column("priority", Integer, nullable=False),
    Column("form_key", Key),
    Column("external_form_reference", String(1024)),
    Column("custom_headers", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("completed_at", BigInteger),
    Column("tenant_id", String(64), nullable=False),
    Index("ix_engine_user_tasks_state", "state"),
    Index("ix_engine_user_tasks_element", "element_instance_key"),
)

spiff_specs = Table(
    "engine_spiff_specs",
    metadata,
    Column("definition_key", Key, primary_key=True, autoincrement=False),
    Column("spec", Text, nullable=False),
)

spiff_states = Table(
    "engine_spiff_states",
    metadata,
    Column("process_instance_key", Key, primary_key=True, autoincrement=False),
    Column("revision", Integer, nullable=False),
    Column("state", Text, nullable=False),
)

records = Table(
    "engine_records",
    metadata,
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("key", Key, nullable=False),
    Column("value_type", String(48), nullable=False),
    Column("intent", String(48), nullable=False),
    Column("timestamp", BigInteger, nullable=False),
    Column("process_instance_key", Key),
    Column("value", Text, nullable=False),
)

exporter_positions = Table(
    "engine_exporter_positions",
    metadata,
    Column("exporter", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
)
