/* noop.c - a C program that does nothing: the floor for start-up figures
 * (exec, the dynamic loader, libc's start-up and exit). */
int main(void) {
  return 0;
}
