// Crawling module
