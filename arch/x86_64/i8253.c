/*
 * i8253.c - the Programmable Interval Timer (8253/8254 PIT).
 *
 * The PIT counts down from a 16-bit value at 1.193182 MHz. Channel 0,
 * wired to IRQ 0, is keyhole's periodic timer: in mode 2 (rate generator)
 * it reloads itself and interrupts HZ times a second. Channel 2, whose
 * output can be read back on port 0x61, is used once at boot as a known
 * stopwatch to measure the TSC's frequency.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/i8253.h"
#include "arch/x86_64/io.h"
#include "kernel/irq.h"

#define PIT_CH0         0x40
#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PORT_B          0x61    /* bit 0: ch 2 gate, bit 1: speaker, bit 5: ch 2 out */

static void (*tick_handler)(void);

static void pit_interrupt(unsigned int irq, void *dev)
{
	(void)irq;
	(void)dev;
	tick_handler();
}

/*
 * pit_timer_init - make channel 0 interrupt hz times a second and call
 * tick() from each interrupt.
 *
 * Context: boot, interrupts off.
 */
void pit_timer_init(unsigned int hz, void (*tick)(void))
{
	u16 divisor = (u16)((PIT_TICK_RATE + hz / 2) / hz);

	tick_handler = tick;
	outb(PIT_MODE, 0x34);           /* channel 0, lo/hi byte, mode 2 */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	request_irq(0, pit_interrupt, "timer", NULL);
}

/*
 * pit_calibrate_tsc - count TSC ticks while channel 2 counts down ms
 * milliseconds (at most 50).
 *
 * Return: the TSC frequency in kHz.
 */
u64 pit_calibrate_tsc(unsigned int ms)
{
	u32 count = PIT_TICK_RATE / 1000 * ms;
	u64 t0, t1;

	/* Gate on, speaker off; mode 0 counts down once, then raises OUT. */
	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);           /* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, (count >> 8) & 0xff);

	t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		;
	t1 = rdtsc();
	return (t1 - t0) / ms;
}
