/*
 * serial.c - the 16550 UART on COM1 (I/O port 0x3f8), keyhole's primary
 * console.
 *
 * Everything the kernel prints goes out here first: `make run` puts this
 * port on your terminal and `make test` reads it. Output is polled (wait
 * for the transmit holding register to empty, then write one byte), which
 * is slow but works from any context, panics included. Input comes by
 * interrupt and goes to the console tty (fs/console.c).
 */
#include "arch/x86_64/io.h"
#include "arch/x86_64/serial.h"
#include "kernel/console.h"
#include "kernel/irq.h"

#define COM1            0x3f8
#define UART_DATA       0       /* RBR/THR, or divisor low with DLAB */
#define UART_IER        1       /* interrupt enable, or divisor high */
#define UART_FCR        2       /* FIFO control */
#define UART_LCR        3       /* line control; bit 7 is DLAB */
#define UART_MCR        4       /* modem control */
#define UART_LSR        5       /* line status */
#define UART_LSR_DR     0x01    /* data ready */
#define UART_LSR_THRE   0x20    /* transmit holding register empty */

static bool serial_present;

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(COM1 + UART_DATA, (u8)c);
}

static void serial_console_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

static void (*rx_handler)(char c);

static void serial_interrupt(unsigned int irq, void *dev)
{
	(void)irq;
	(void)dev;
	while (inb(COM1 + UART_LSR) & UART_LSR_DR) {
		char c = (char)inb(COM1 + UART_DATA);

		if (rx_handler)
			rx_handler(c);
	}
}

/*
 * serial_enable_rx - call handler(c) for every byte typed on COM1, from
 * the UART's interrupt (IRQ 4).
 *
 * Context: boot, after the IRQ layer is up.
 */
void serial_enable_rx(void (*handler)(char c))
{
	rx_handler = handler;
	request_irq(4, serial_interrupt, "ttyS0", NULL);
	outb(COM1 + UART_IER, 0x01);    /* interrupt when data arrives */
}

/*
 * serial_init - program COM1 for 115200 baud, 8N1, FIFOs on, and register
 * it as a console.
 *
 * Context: early boot, before anything is printed.
 */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);    /* no interrupts yet */
	outb(COM1 + UART_LCR, 0x80);    /* DLAB on: set the divisor */
	outb(COM1 + UART_DATA, 0x01);   /* 115200 / 1 */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03);    /* 8 bits, no parity, one stop bit */
	outb(COM1 + UART_FCR, 0xc7);    /* FIFOs on, cleared, 14-byte level */
	outb(COM1 + UART_MCR, 0x0b);    /* DTR, RTS, OUT2 */

	/* A UART that is not there reads back 0xff from every register. */
	serial_present = inb(COM1 + UART_LSR) != 0xff;
	register_console(&serial_console);
}
