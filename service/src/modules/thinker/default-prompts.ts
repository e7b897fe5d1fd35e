import type { PromptFunction } from '@igny8/shared';

// The built-in prompt of each AI function. Accounts may override them (prompt_templates); the
// override replaces the whole text. The engine asks for structured JSON, so each prompt says what
// to decide and how, and leaves the exact field names to the response schema sent with it.

const AUTO_CLUSTER = `You are a senior SEO strategist building a topical map for a website.

The keywords of a site section have already been grouped by similarity into the numbered clusters
below. Each line gives a cluster's number, its size and its most searched keywords with their monthly
search volume.

{{keywords}}

For every cluster:
- name the topic in 2–6 plain words, the way a reader would say it (not a keyword list, no quotation
  marks); the name should also work as the title of the pillar page;
- describe in one or two sentences what a page on it covers and whom it serves;
- give its dominant search intent: informational, commercial, transactional or navigational —
  judged from what the searchers of these keywords want to do, not from single words.

Answer for every cluster number given, and only for those; keep each cluster's number.

Respond only with JSON that follows the response schema.`;

const GENERATE_IDEAS = `You are a content strategist planning articles that will rank in search and genuinely help readers.

Keyword cluster: {{cluster_name}}
About the cluster: {{cluster_description}}
Dominant search intent: {{intent}}
Keywords in the cluster:
{{keywords}}

Author profile to write for:
{{author_profile}}

Content strategy to follow:
{{strategy}}

Propose {{ideas_per_cluster}} distinct content ideas for this cluster. For each idea give:
- a compelling, specific title (under 65 characters when possible) that contains or closely echoes
  the primary keyword without sounding stuffed;
- the primary keyword, chosen from the cluster's keywords, and the secondary keywords the piece
  should also cover;
- the content type (for example guide, how_to, listicle, comparison, review, blog_post), matched to
  the search intent and allowed by the strategy when it names content types;
- a short description of the angle: what the reader gets that the current top results miss;
- an outline of 4–8 H2 sections, each with a one-line note on what it covers (add H3s only where a
  section clearly needs them);
- an estimated word count that fits the topic's depth and the strategy's target length.

Make the ideas clearly different from each other in angle or format, so that they do not compete
for the same query. Do not invent statistics, products or sources.

Respond only with JSON that follows the response schema.`;

const GENERATE_CONTENT = `You are an experienced writer and editor producing a publish-ready article for a website.

Title: {{title}}
Primary keyword: {{primary_keyword}}
Secondary keywords: {{secondary_keywords}}
Content type: {{content_type}}
Target length: about {{word_count}} words

Outline to follow:
{{outline}}

Author profile (voice, audience, reading level, dos and don'ts):
{{author_profile}}

Content strategy:
{{strategy}}

Writing rules:
- Write for people first. Answer the searcher's question early, then go deeper; every paragraph must
  earn its place. No filler, no generic introductions ("In today's world…"), no conclusion that only
  repeats the article.
- Use the primary keyword in the first 100 words, in at least one H2 and naturally in the body; weave
  in the secondary keywords where they fit. Never stuff keywords.
- Follow the outline's sections in order as H2 headings (H3 for subsections). Do not add an H1: the
  title is the H1.
- Keep paragraphs short (2–4 sentences). Use bulleted or numbered lists, steps and tables where they
  make the content easier to scan.
- Be concrete: examples, numbers the reader can act on, clear recommendations. Do not invent
  statistics, quotes, studies or product details; when a fact would need a source you do not have,
  phrase it as general guidance instead.
- Match the author profile's voice and reading level, and obey its dos and don'ts and the
  strategy's instructions; where they conflict with these rules, the profile and strategy win.
- Output the body as clean HTML using only p, h2, h3, ul, ol, li, strong, em, a, blockquote, table,
  thead, tbody, tr, th and td. No inline styles, scripts, images or wrapping html/body tags.
- Also provide a meta title (at most 60 characters, containing the primary keyword) and a meta
  description (140–160 characters, a clear benefit and a reason to click).

Respond only with JSON that follows the response schema.`;

const GENERATE_IMAGE_PROMPTS = `You are an art director choosing images for a web article.

Article title: {{title}}
Section headings:
{{sections}}

Opening of the article:
{{content_excerpt}}

Visual style: {{style}}

Write image prompts for a text-to-image model: one featured image that represents the whole article,
and one in-article image for each of the most important sections (at most one per section, and only
where an image genuinely helps the reader). For each image also write alt text of at most 125
characters that describes what the image shows for readers who cannot see it.

Each prompt must:
- describe one clear scene: subject, setting, composition, lighting and mood, in 1–3 sentences;
- follow the visual style above consistently across all the images;
- contain no text, letters, logos, watermarks or user-interface elements, and no real, identifiable
  people, brands or trademarks;
- be safe for work and suitable for a general audience.

Respond only with JSON that follows the response schema.`;

const GENERATE_IMAGES = `{{prompt}}

Style: {{style}}. High quality, well composed, natural lighting, sharp focus. No text, letters,
captions, logos or watermarks.`;

/** The built-in template of each AI function. */
export const DEFAULT_PROMPTS: Record<PromptFunction, string> = {
  auto_cluster: AUTO_CLUSTER,
  generate_ideas: GENERATE_IDEAS,
  generate_content: GENERATE_CONTENT,
  generate_image_prompts: GENERATE_IMAGE_PROMPTS,
  generate_images: GENERATE_IMAGES,
};
