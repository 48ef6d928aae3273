/* Fetch ceiling: the fastest libcurl can GET a list of URLs with N connections.
 *
 * Usage: fetch_ceiling URL_LIST [CONNECTIONS]
 * One multi handle, CONNECTIONS transfers in flight (default 8, all to the same host), keep-alive
 * connections reused, bodies counted and dropped. No parsing, no scheduling beyond the queue:
 * what is left of oitcheck's wall time beyond this is our own.
 * Prints one line of key=value pairs. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static size_t body_bytes;

static size_t on_body(char *data, size_t size, size_t n, void *user) {
  (void)data;
  (void)user;
  body_bytes += size * n;
  return size * n;
}

static double wall_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu_seconds(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static void start(CURLM *multi, const char *url) {
  CURL *h = curl_easy_init();
  if (!h) abort();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)url);
  curl_multi_add_handle(multi, h);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: fetch_ceiling URL_LIST [CONNECTIONS]\n");
    return 64;
  }
  int connections = argc > 2 ? atoi(argv[2]) : 8;
  FILE *list = fopen(argv[1], "r");
  if (!list) {
    perror(argv[1]);
    return 1;
  }
  size_t count = 0, cap = 1024;
  char **urls = malloc(cap * sizeof(char *));
  char line[4096];
  while (fgets(line, sizeof line, list)) {
    line[strcspn(line, "\r\n")] = 0;
    if (!*line) continue;
    if (count == cap) urls = realloc(urls, (cap *= 2) * sizeof(char *));
    urls[count++] = strdup(line);
  }
  fclose(list);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM *multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)connections);
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)connections);
  double cpu0 = cpu_seconds(), wall0 = wall_seconds();
  size_t next = 0, done = 0, ok = 0, errors = 0, http_errors = 0;
  int running = 0;
  while (next < count && next < (size_t)connections) start(multi, urls[next++]);
  while (done < count) {
    curl_multi_perform(multi, &running);
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(multi, &left))) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL *h = msg->easy_handle;
      long status = 0;
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
      if (msg->data.result != CURLE_OK) errors++;
      else if (status >= 400) http_errors++;
      else ok++;
      curl_multi_remove_handle(multi, h);
      curl_easy_cleanup(h);
      done++;
      if (next < count) start(multi, urls[next++]);
    }
    if (done < count) curl_multi_poll(multi, NULL, 0, 1000, NULL);
  }
  double wall = wall_seconds() - wall0, cpu = cpu_seconds() - cpu0;
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  printf("requests=%zu ok=%zu http_errors=%zu errors=%zu bytes=%zu wall_s=%.3f cpu_s=%.3f "
         "pages_per_s=%.1f cpu_ms_per_page=%.4f rss_kb=%ld\n",
         count, ok, http_errors, errors, body_bytes, wall, cpu, count / wall, cpu * 1000 / count,
         u.ru_maxrss);
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return errors ? 1 : 0;
}
