import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers } from "../../../service/src/worker";
import {
  collectConsoleErrors,
  launchBrowser,
  logIn,
  screenshot,
} from "./support/browser";
import { connectSite } from "./support/connect";
import { pluginFolder } from "./support/plugin";
import { rest } from "./support/rest";
import { startService, type RunningService } from "./support/service";
import { startTestWordPress, type WordPress } from "./support/site";
import { administrator } from "./support/users";

/** A section as the provider answers it: a paragraph, a nested list and a table. */
const SECTION = {
  blocks: [
    {
      type: "paragraph",
      text: "Brew green tea at <strong>80 °C</strong> & no hotter.",
    },
    {
      type: "list",
      ordered: true,
      items: [
        { text: "Warm the pot", items: [{ text: "with <em>hot</em> water" }] },
        { text: "Steep two minutes", items: [] },
      ],
    },
    {
      type: "table",
      head: ["Tea", "Temperature"],
      rows: [["Sencha", "70–80 °C"]],
    },
  ],
};

type EditorBlock = { name: string; isValid: boolean; text: string };
const blocksOf = (page: Page) =>
  page.evaluate(() => {
    const wp = (window as any).wp;
    return wp.data
      .select("core/block-editor")
      .getBlocks()
      .map((b: any) => ({
        name: b.name,
        isValid: b.isValid,
        text: String(b.attributes.content ?? ""),
      }));
  }) as Promise<EditorBlock[]>;

/**
 * Runs `body` in a fresh administrator's page of the editor: no console error may be logged, and
 * a failure leaves a screenshot named after the test.
 */
async function inEditor(name: string, body: (page: Page) => Promise<void>) {
  const page = await logIn(browser, wp, administrator(wp));
  page.setDefaultTimeout(90_000);
  const errors = collectConsoleErrors(page);
  try {
    await body(page);
    expect(errors).toEqual([]);
  } catch (err) {
    await screenshot(page, `${name}-failure`);
    throw err;
  } finally {
    await page.context().close();
  }
}

let service: RunningService;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let plugin: ReturnType<typeof pluginFolder>;
let wp: WordPress;
let browser: Browser;

describe("the IGNY8 sidebar in the block editor", () => {
  beforeAll(async () => {
    service = await startService();
    workers = await startWorkers(service.svc.deps, service.svc.url);
    plugin = pluginFolder();
    wp = await startTestWordPress({ plugins: [plugin.path] });
    await connectSite(wp, service);
    service.fake.onChat("content_section", () => SECTION);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await wp?.stop();
    plugin?.dispose();
    await workers?.stop();
    await service?.close();
  });

  it("inserts a generated section after the selected block as valid blocks, and one undo removes it", async () => {
    await inEditor("editor-sidebar-section", async (page) => {
      await page.goto(`${wp.url}/wp-admin/post-new.php`);
      const canvas = page.frameLocator('iframe[name="editor-canvas"]');
      const title = canvas
        .locator(".editor-post-title, .wp-block-post-title")
        .first();
      await title.click();
      await page.keyboard.type("Green tea at home");
      await page.keyboard.press("Enter");
      await page.keyboard.type("First paragraph.");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Last paragraph.");
      await canvas.getByText("First paragraph.").click();
      expect((await blocksOf(page)).map((b) => b.text)).toEqual([
        "First paragraph.",
        "Last paragraph.",
      ]);

      await page
        .getByRole("button", { name: "IGNY8", exact: true })
        .first()
        .click();
      await page.getByLabel("Topic").fill("green tea");
      await page.getByLabel("Section heading").fill("Brewing");
      await page.getByRole("button", { name: "Write the section" }).click();
      await page
        .locator(".components-notice__content", {
          hasText: "Inserted 4 blocks.",
        })
        .waitFor({ timeout: 45_000 });

      const blocks = await blocksOf(page);
      expect(blocks.map((b) => b.name)).toEqual([
        "core/paragraph",
        "core/heading",
        "core/paragraph",
        "core/list",
        "core/table",
        "core/paragraph",
      ]);
      expect(blocks.filter((b) => !b.isValid)).toEqual([]);
      expect(blocks[0]!.text).toBe("First paragraph.");
      expect(blocks[1]!.text).toBe("Brewing");
      expect(blocks[2]!.text).toBe(
        "Brew green tea at <strong>80 °C</strong> &amp; no hotter.",
      );
      expect(blocks[5]!.text).toBe("Last paragraph.");
      // The editor's own "unexpected or invalid content" warning is nowhere on the canvas.
      await canvas.locator(".wp-block-table").first().waitFor();
      expect(await canvas.locator(".block-editor-warning").count()).toBe(0);
      expect(await page.locator(".block-editor-warning").count()).toBe(0);
      await screenshot(page, "editor-sidebar-section");

      // The run that wrote it is the account's, charged one credit.
      const runs = (
        await service.svc.call("GET", "/ai/runs?function=assist", {
          token: service.owner.token,
        })
      ).body.results;
      expect(runs[0]).toMatchObject({
        function: "assist",
        status: "succeeded",
        credits_used: 1,
        site_id: service.site.id,
      });

      await page.getByRole("button", { name: "Undo", exact: true }).click();
      expect((await blocksOf(page)).map((b) => b.text)).toEqual([
        "First paragraph.",
        "Last paragraph.",
      ]);
      expect(
        await page.evaluate(() =>
          (window as any).wp.data
            .select("core/editor")
            .getEditedPostAttribute("title"),
        ),
      ).toBe("Green tea at home");
    });
  }, 300_000);

  it("makes a featured image, puts it in the media library with its alt text and sets it on the post", async () => {
    service.fake.onChat("assist_featured_image", () => ({
      prompt: "A glass teapot of green tea",
      alt: "A glass teapot of green tea on a table",
      caption: "Green tea, ready.",
    }));
    await inEditor("editor-sidebar-featured-image", async (page) => {
      await page.goto(`${wp.url}/wp-admin/post-new.php`);
      const canvas = page.frameLocator('iframe[name="editor-canvas"]');
      await canvas
        .locator(".editor-post-title, .wp-block-post-title")
        .first()
        .click();
      await page.keyboard.type("Green tea at home");
      await page
        .getByRole("button", { name: "IGNY8", exact: true })
        .first()
        .click();
      await page.getByLabel("Topic").fill("green tea");
      await page.getByLabel("Style").selectOption("artistic");
      await page.getByRole("button", { name: "Make a featured image" }).click();
      await page
        .locator(".components-notice__content", {
          hasText: "The featured image is set.",
        })
        .waitFor({ timeout: 60_000 });
      const featured = await page.evaluate(
        () =>
          (window as any).wp.data
            .select("core/editor")
            .getEditedPostAttribute("featured_media") as number,
      );
      expect(featured).toBeGreaterThan(0);
      const media = await rest<{
        mime_type: string;
        alt_text: string;
        caption: { raw?: string; rendered: string };
        media_details: { width: number };
      }>(wp, `/wp/v2/media/${featured}?context=edit`);
      expect(media.mime_type).toBe("image/webp");
      expect(media.alt_text).toContain("glass teapot");
      expect(media.alt_text.toLowerCase()).toContain("green tea");
      expect(media.caption.raw).toBe("Green tea, ready.");
      // The asked style reached the image model.
      const asked = service.fake.requests
        .filter((r) => r.path.endsWith("/images/generations"))
        .at(-1)!.body.prompt as string;
      expect(asked).toContain("painterly");

      // Saved with the post, and shown by the editor's own featured image panel.
      await page.getByRole("button", { name: /^Save draft$/ }).click();
      await page.getByRole("button", { name: /^Saved$/ }).waitFor();
      const id = await page.evaluate(
        () =>
          (window as any).wp.data
            .select("core/editor")
            .getCurrentPostId() as number,
      );
      expect(
        (
          await rest<{ featured_media: number }>(
            wp,
            `/wp/v2/posts/${id}?context=edit`,
          )
        ).featured_media,
      ).toBe(featured);
      await screenshot(page, "editor-sidebar-featured-image");
    });
  }, 300_000);

  it("loads the sidebar only in the block editor", async () => {
    const page = await logIn(browser, wp, administrator(wp));
    const errors = collectConsoleErrors(page);
    await page.goto(`${wp.url}/wp-admin/index.php`);
    expect(
      await page.locator('script[src*="/igny8/build/editor.js"]').count(),
    ).toBe(0);
    await page.goto(`${wp.url}/wp-admin/post-new.php?post_type=page`);
    await page
      .frameLocator('iframe[name="editor-canvas"]')
      .locator(".editor-post-title, .wp-block-post-title")
      .first()
      .waitFor();
    expect(
      await page.locator('script[src*="/igny8/build/editor.js"]').count(),
    ).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
