/*
 * serial.c - the 16550 UARTs: COM1 (I/O port 0x3f8, IRQ 4), keyhole's
 * primary console, COM2 (0x2f8, IRQ 3) and COM3 (0x3e8, output only).
 *
 * Everything the kernel prints goes out on COM1 first: `make run` puts
 * this port on your terminal and `make test` reads it. Output is polled
 * (wait for the transmit holding register to empty, then write one byte),
 * which is slow but works from any context, panics included. Input comes
 * by interrupt and goes to the console tty (fs/console.c).
 *
 * The console tty can be moved to COM2 (`console=ttyS1`), which
 * `make run-prog` does: a program's output then arrives on its own port,
 * apart from the kernel's messages on COM1. COM3 carries the program's
 * standard error there (/dev/ttyS2 in fs/console.c).
 */
#include "arch/x86_64/io.h"
#include "arch/x86_64/serial.h"
#include "kernel/console.h"
#include "kernel/irq.h"

#define UART_DATA       0       /* RBR/THR, or divisor low with DLAB */
#define UART_IER        1       /* interrupt enable, or divisor high */
#define UART_FCR        2       /* FIFO control */
#define UART_LCR        3       /* line control; bit 7 is DLAB */
#define UART_MCR        4       /* modem control */
#define UART_LSR        5       /* line status */
#define UART_LSR_DR     0x01    /* data ready */
#define UART_LSR_THRE   0x20    /* transmit holding register empty */

struct uart {
	u16 base;
	unsigned int irq;
	bool present;
	void (*rx_handler)(char c);
};

static struct uart uarts[SERIAL_PORTS] = {
	{ .base = 0x3f8, .irq = 4 },    /* ttyS0 */
	{ .base = 0x2f8, .irq = 3 },    /* ttyS1 */
	{ .base = 0x3e8, .irq = 4 },    /* ttyS2: output only (its IRQ is COM1's) */
};

static void uart_putc(struct uart *u, char c)
{
	int spins = 100000;

	while (!(inb(u->base + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(u->base + UART_DATA, (u8)c);
}

/*
 * serial_write - write n bytes to ttyS<port> as they are.
 *
 * Context: any.
 */
void serial_write(int port, const char *s, size_t n)
{
	struct uart *u = &uarts[port];

	if (!u->present)
		return;
	for (size_t i = 0; i < n; i++)
		uart_putc(u, s[i]);
}

/* printk's console: a terminal wants "\r\n" for each "\n". */
static void serial_console_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_write(0, "\r", 1);
		serial_write(0, &s[i], 1);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

static void serial_interrupt(unsigned int irq, void *dev)
{
	struct uart *u = dev;

	(void)irq;
	while (inb(u->base + UART_LSR) & UART_LSR_DR) {
		char c = (char)inb(u->base + UART_DATA);

		if (u->rx_handler)
			u->rx_handler(c);
	}
}

/*
 * serial_enable_rx - call handler(c) for every byte that arrives on
 * ttyS<port>, from its interrupt.
 *
 * Context: boot, after the IRQ layer is up. Port 0 or 1 (ttyS2 has no
 * interrupt of its own).
 */
void serial_enable_rx(int port, void (*handler)(char c))
{
	struct uart *u = &uarts[port];

	u->rx_handler = handler;
	request_irq(u->irq, serial_interrupt, port ? "ttyS1" : "ttyS0", u);
	outb(u->base + UART_IER, 0x01);         /* interrupt when data arrives */
}

/* Program one UART for 115200 baud, 8N1, FIFOs on. */
static void uart_setup(struct uart *u)
{
	outb(u->base + UART_IER, 0x00);         /* no interrupts yet */
	outb(u->base + UART_LCR, 0x80);         /* DLAB on: set the divisor */
	outb(u->base + UART_DATA, 0x01);        /* 115200 / 1 */
	outb(u->base + UART_IER, 0x00);
	outb(u->base + UART_LCR, 0x03);         /* 8 bits, no parity, one stop bit */
	outb(u->base + UART_FCR, 0xc7);         /* FIFOs on, cleared, 14-byte level */
	outb(u->base + UART_MCR, 0x0b);         /* DTR, RTS, OUT2 */
	/* A UART that is not there reads back 0xff from every register. */
	u->present = inb(u->base + UART_LSR) != 0xff;
}

/*
 * serial_init - set up the UARTs and make COM1 a console for printk.
 *
 * Context: early boot, before anything is printed.
 */
void serial_init(void)
{
	for (int i = 0; i < SERIAL_PORTS; i++)
		uart_setup(&uarts[i]);
	register_console(&serial_console);
}
