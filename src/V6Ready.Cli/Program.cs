// Entry point; replaced by the CLI implementation.
return 0;
