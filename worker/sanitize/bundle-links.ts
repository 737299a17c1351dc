import type { HtmlDocumentOptions } from './sanitize-html-document.ts';
import type { SizeBudget } from './size-budget.ts';
import { resolveBundleUrl } from './url-policy.ts';

/**
 * What the files of one bundle may point to, as a page can use it: bundle images as data: URLs
 * (a sandboxed page cannot load even its own files) and cleaned bundle stylesheets. Filled as the
 * bundle's images and stylesheets are sanitized; `from(path)` gives each file its own view.
 */
export class BundleLinks {
  /** data: URL by bundle path, for every image (`.svg` included, sanitized) of the bundle. */
  readonly images = new Map<string, string>();
  /** Cleaned CSS by bundle path, for every stylesheet of the bundle. */
  readonly stylesheets = new Map<string, string>();

  constructor(readonly budget: SizeBudget) {}

  /** The links as seen from the file at `path` (relative URLs resolve against its folder). */
  from(path: string): FileLinks {
    return new FileLinks(this, path);
  }
}

/** Options for sanitizing one file: its URLs resolved against its own path, each looked up once. */
class FileLinks implements HtmlDocumentOptions {
  readonly budget: SizeBudget;
  readonly #bundle: BundleLinks;
  readonly #path: string;
  #resolved: Map<string, string | undefined> | undefined;

  constructor(bundle: BundleLinks, path: string) {
    this.#bundle = bundle;
    this.#path = path;
    this.budget = bundle.budget;
  }

  /** The data: URL of the bundle image `url` names, or undefined (no such image). */
  resolveUrl(url: string): string | undefined {
    // A page may name one image thousands of times: resolve each spelling once.
    this.#resolved ??= new Map();
    if (this.#resolved.has(url)) return this.#resolved.get(url);
    const target = resolveBundleUrl(url, this.#path);
    const dataUrl = target === undefined ? undefined : this.#bundle.images.get(target);
    this.#resolved.set(url, dataUrl);
    return dataUrl;
  }

  /** The cleaned bundle stylesheet `href` names, with its path, or undefined (none, or empty). */
  linkedStylesheet(href: string): { path: string; css: string } | undefined {
    const path = resolveBundleUrl(href, this.#path);
    const css = path === undefined ? undefined : this.#bundle.stylesheets.get(path);
    return path !== undefined && css ? { path, css } : undefined;
  }
}
