/**
 * The department's namespace in the shared index: a slug of its name in manifests/department.yml
 * ("Marketing Department" → "marketing-department"), so two departments can share one index.
 */
export function pineconeNamespace(departmentName: string): string {
  const slug = departmentName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'department';
}
