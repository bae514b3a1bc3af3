import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** A page whose data arrives with a later capability: says what it will show and what to do now. */
export function PlaceholderPage(props: { title: string; description: string; emptyTitle: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <EmptyState title={props.emptyTitle}>{props.children}</EmptyState>
    </>
  );
}
