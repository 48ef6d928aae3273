/* Parse ceiling: what libxml2 alone costs per page, on one core.
 *
 * Usage: parse_ceiling URL_LIST SITE_DIR BASE_URL
 * Reads every .html page named in URL_LIST (paths under BASE_URL, mapped into SITE_DIR) into
 * memory, then times only the loop: htmlReadMemory with oitcheck's flags, a walk of the tree
 * that copies the visible text with whitespace collapsed (script/style skipped) and resolves
 * every <a href> against the page URL, and xmlFreeDoc. That is the least work any crawler must
 * do per page, so oitcheck's CPU per page is compared with it.
 * Prints one line of key=value pairs. */
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  char *data;
  size_t len;
  char *url;
} Page;

typedef struct {
  char *text;
  size_t len, cap;
  size_t links;
  size_t text_total;
} Sink;

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static double wall_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void append_text(Sink *s, const unsigned char *p) {
  int last_space = s->len == 0 || s->text[s->len - 1] == ' ';
  for (; *p; p++) {
    int space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f';
    if (space) {
      if (last_space) continue;
      last_space = 1;
    } else {
      last_space = 0;
    }
    if (s->len == s->cap) {
      s->cap = s->cap ? s->cap * 2 : 65536;
      s->text = realloc(s->text, s->cap);
      if (!s->text) abort();
    }
    s->text[s->len++] = space ? ' ' : (char)*p;
  }
}

static int skipped(const xmlChar *name) {
  return !xmlStrcmp(name, BAD_CAST "script") || !xmlStrcmp(name, BAD_CAST "style") ||
         !xmlStrcmp(name, BAD_CAST "noscript") || !xmlStrcmp(name, BAD_CAST "template");
}

/* Iterative, like oitcheck's walker: hostile pages nest deeply. */
static void walk(xmlNodePtr root, const char *url, Sink *s) {
  xmlNodePtr node = root;
  while (node) {
    int descend = 0;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) append_text(s, node->content);
    } else if (node->type == XML_ELEMENT_NODE && !skipped(node->name)) {
      descend = 1;
      if (!xmlStrcmp(node->name, BAD_CAST "a")) {
        xmlChar *href = xmlGetProp(node, BAD_CAST "href");
        if (href) {
          xmlChar *abs = xmlBuildURI(href, BAD_CAST url);
          if (abs) {
            s->links++;
            xmlFree(abs);
          }
          xmlFree(href);
        }
      }
    }
    if (descend && node->children) {
      node = node->children;
      continue;
    }
    while (node && node != root && !node->next) node = node->parent;
    if (!node || node == root) break;
    node = node->next;
  }
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n > 0 ? n : 1);
  if (!buf || fread(buf, 1, n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: parse_ceiling URL_LIST SITE_DIR BASE_URL\n");
    return 64;
  }
  const char *base = argv[3];
  size_t base_len = strlen(base);
  FILE *list = fopen(argv[1], "r");
  if (!list) {
    perror(argv[1]);
    return 1;
  }
  size_t count = 0, cap = 1024, bytes = 0;
  Page *pages = malloc(cap * sizeof(Page));
  char line[4096];
  while (fgets(line, sizeof line, list)) {
    line[strcspn(line, "\r\n")] = 0;
    size_t n = strlen(line);
    if (n < base_len || strncmp(line, base, base_len)) continue;
    const char *path = line + base_len;
    if (n < 5 || strcmp(line + n - 5, ".html")) continue;
    char file[8192];
    snprintf(file, sizeof file, "%s/%s", argv[2], path);
    Page p;
    if (!(p.data = read_file(file, &p.len))) continue;  // robots-disallowed or missing
    p.url = strdup(line);
    if (count == cap) pages = realloc(pages, (cap *= 2) * sizeof(Page));
    pages[count++] = p;
    bytes += p.len;
  }
  fclose(list);
  if (count == 0) {
    fprintf(stderr, "parse_ceiling: no pages read\n");
    return 1;
  }
  xmlInitParser();
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  Sink sink = {0};
  double cpu0 = cpu_seconds(), wall0 = wall_seconds();
  for (size_t i = 0; i < count; i++) {
    htmlDocPtr doc = htmlReadMemory(pages[i].data, (int)pages[i].len, pages[i].url, "UTF-8", options);
    if (!doc) continue;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    sink.len = 0;
    if (root) walk(root, pages[i].url, &sink);
    sink.text_total += sink.len;
    xmlFreeDoc(doc);
  }
  double cpu = cpu_seconds() - cpu0, wall = wall_seconds() - wall0;
  printf("pages=%zu bytes=%zu cpu_s=%.3f wall_s=%.3f cpu_ms_per_page=%.4f pages_per_s=%.1f "
         "links=%zu text_bytes=%zu\n",
         count, bytes, cpu, wall, cpu * 1000 / count, count / cpu, sink.links, sink.text_total);
  return 0;
}
