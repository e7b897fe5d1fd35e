import type { Tx } from '../../../db/client';

/** What a post is about, read from the planner's rows: the words prompts are built from. */
export type Subject = {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  brief: string;
  contentType: string;
  wordCount: number;
  outline: { heading: string; level: 2 | 3; notes?: string }[];
};

const RELATED = 10;

export async function keywordSubject(tx: Tx, id: string): Promise<Subject | null> {
  const [row] = await tx`
    select k.keyword, c.name as cluster,
           coalesce((select array_agg(o.keyword order by o.volume desc nulls last, o.keyword) from (
             select keyword, volume from keywords where cluster_id = k.cluster_id and id <> k.id
             order by volume desc nulls last, keyword limit ${RELATED}) o), '{}') as related
    from keywords k left join clusters c on c.id = k.cluster_id
    where k.id = ${id}`;
  if (!row) return null;
  return {
    title: row.keyword, primaryKeyword: row.keyword, secondaryKeywords: row.related, contentType: 'guide', wordCount: 1500, outline: [],
    brief: row.cluster ? `The keyword belongs to the topic "${row.cluster}".` : '',
  };
}

export async function clusterSubject(tx: Tx, id: string): Promise<Subject | null> {
  const [row] = await tx`
    select c.name, c.description, p.keyword as pillar,
           coalesce((select array_agg(o.keyword order by o.volume desc nulls last, o.keyword) from (
             select keyword, volume from keywords where cluster_id = c.id
             order by volume desc nulls last, keyword limit ${RELATED + 1}) o), '{}') as keywords
    from clusters c left join keywords p on p.id = c.pillar_keyword_id
    where c.id = ${id}`;
  if (!row) return null;
  const primary: string = row.pillar ?? row.keywords[0] ?? row.name;
  return {
    title: row.name, primaryKeyword: primary, secondaryKeywords: (row.keywords as string[]).filter((k) => k !== primary).slice(0, RELATED),
    brief: row.description, contentType: 'guide', wordCount: 1500, outline: [],
  };
}

export async function ideaSubject(tx: Tx, id: string): Promise<Subject | null> {
  const [row] = await tx`
    select title, description, content_type, outline, target_keyword, secondary_keywords, estimated_word_count
    from content_ideas where id = ${id}`;
  if (!row) return null;
  return {
    title: row.title, primaryKeyword: row.target_keyword || row.title, secondaryKeywords: row.secondary_keywords, brief: row.description,
    contentType: row.content_type, wordCount: row.estimated_word_count, outline: Array.isArray(row.outline) ? row.outline : [],
  };
}
