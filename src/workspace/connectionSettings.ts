// What the editor needs to know about connections beyond their shape (the shape and its
// checks are the adapter layer's, src/adapters/registry.ts, shared with the CLI): which
// fields each type asks for, what its secret is called, where the editor keeps the secret
// (SecretStorage keyed by the connection's name), and a one-line label.

import { CONNECTION_TYPES, parseConnections, type Connection, type ConnectionProblem, type ConnectionType } from '../adapters/registry';

export { CONNECTION_TYPES, parseConnections };
export type { ConnectionProblem, ConnectionType };
export type ConnectionConfig = Connection;

interface FieldSpec {
  required: readonly string[];
  optional: readonly string[];
  /** What the secret is called in prompts, or null when the type takes none (kubeconfig holds it). */
  secret: string | null;
}

export const CONNECTION_FIELDS: Record<ConnectionType, FieldSpec> = {
  zenml: { required: ['url'], optional: [], secret: 'API key' },
  kubernetes: { required: [], optional: ['kubeconfig', 'context', 'namespace'], secret: null },
  kubeflow: { required: ['url'], optional: ['namespace'], secret: 'token' },
  vertex: { required: ['project', 'region'], optional: ['url'], secret: 'access token' },
  airflow: { required: ['url'], optional: [], secret: 'token' },
  github: { required: ['repository'], optional: ['url'], secret: 'token' },
  databricks: { required: ['url'], optional: ['profile'], secret: 'token' },
};

/** The key a connection's secret is stored under (SecretStorage). */
export function secretKeyOf(connectionName: string): string {
  return `zenmlSchedules.connection/${connectionName}`;
}

/** A one-line label for a connection: "ZenML server http://127.0.0.1:8237". */
export function connectionLabel(connection: ConnectionConfig): string {
  const field = (name: string) => (typeof connection[name] === 'string' ? (connection[name] as string) : undefined);
  const where = field('url') ?? field('repository') ?? (field('project') ? `${field('project')}/${field('region')}` : (field('context') ?? field('kubeconfig') ?? ''));
  const kind: Record<ConnectionType, string> = {
    zenml: 'ZenML server',
    kubernetes: 'Kubernetes',
    kubeflow: 'Kubeflow',
    vertex: 'Vertex AI',
    airflow: 'Airflow',
    github: 'GitHub Actions',
    databricks: 'Databricks',
  };
  return where ? `${kind[connection.type]} ${where}` : kind[connection.type];
}
