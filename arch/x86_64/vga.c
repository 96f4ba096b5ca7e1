/*
 * vga.c - a mirror of the console on the VGA text screen (80x25 cells at
 * physical 0xb8000, each a character byte and a colour byte).
 *
 * The serial port is the real console; this one is for the QEMU window.
 * It keeps a cursor, wraps long lines and scrolls by moving the rows up.
 */
#include "arch/x86_64/io.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/vga.h"
#include "kernel/console.h"
#include "lib/string.h"

#define VGA_COLS        80
#define VGA_ROWS        25
#define VGA_ATTR        0x07    /* light grey on black */
#define VGA_CRTC_INDEX  0x3d4
#define VGA_CRTC_DATA   0x3d5

static u16 *vga_buf;
static int vga_row, vga_col;

static void vga_scroll(void)
{
	memmove(vga_buf, vga_buf + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * sizeof(u16));
	for (int c = 0; c < VGA_COLS; c++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + c] = (VGA_ATTR << 8) | ' ';
	vga_row = VGA_ROWS - 1;
}

static void vga_move_cursor(void)
{
	u16 pos = (u16)(vga_row * VGA_COLS + vga_col);

	outb(VGA_CRTC_INDEX, 0x0f);
	outb(VGA_CRTC_DATA, pos & 0xff);
	outb(VGA_CRTC_INDEX, 0x0e);
	outb(VGA_CRTC_DATA, pos >> 8);
}

static void vga_putc(char c)
{
	if (c == '\n') {
		vga_col = 0;
		vga_row++;
	} else if (c == '\r') {
		vga_col = 0;
	} else if (c == '\b') {
		if (vga_col > 0)
			vga_col--;
	} else {
		vga_buf[vga_row * VGA_COLS + vga_col] = (u16)((VGA_ATTR << 8) | (u8)c);
		if (++vga_col == VGA_COLS) {
			vga_col = 0;
			vga_row++;
		}
	}
	if (vga_row == VGA_ROWS)
		vga_scroll();
}

static void vga_console_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i]);
	vga_move_cursor();
}

static struct console vga_console = {
	.name = "vga",
	.write = vga_console_write,
};

/*
 * vga_init - clear the text screen and mirror the console onto it.
 *
 * Context: early boot; the screen is reached through the direct map.
 */
void vga_init(void)
{
	vga_buf = __va(0xb8000);
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_buf[i] = (VGA_ATTR << 8) | ' ';
	vga_row = vga_col = 0;
	register_console(&vga_console);
}
