/*
 * i8259.c - the two legacy 8259A interrupt controllers (PICs).
 *
 * At power-on the PICs deliver IRQ 0-7 on vectors 8-15, which collide with
 * CPU exceptions, so init_8259A() remaps them: master IRQs 0-7 to vectors
 * 32-39, slave IRQs 8-15 to 40-47 (the slave is chained on the master's
 * IRQ 2). Every line starts masked; request_irq() unmasks the lines that
 * get a handler. After each interrupt the handler must send End Of
 * Interrupt: to both chips for a slave IRQ.
 *
 * IRQ 7 and 15 can be "spurious": raised by noise and withdrawn before the
 * CPU asked which line it was. Then the in-service bit is clear and, as
 * the datasheet says, no EOI may be sent (except to the master for 15).
 *
 * Locking: i8259_lock (irqsave) guards the mask bytes and the port pairs.
 */
#include "arch/x86_64/i8259.h"
#include "arch/x86_64/io.h"
#include "kernel/spinlock.h"

#define PIC_MASTER_CMD  0x20
#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_CMD   0xa0
#define PIC_SLAVE_DATA  0xa1
#define PIC_EOI         0x20
#define PIC_READ_ISR    0x0b

static DEFINE_SPINLOCK(i8259_lock);
static u16 cached_mask = 0xffff;        /* bit n set: IRQ n masked */

static void write_masks(void)
{
	outb(PIC_MASTER_DATA, cached_mask & 0xff);
	outb(PIC_SLAVE_DATA, cached_mask >> 8);
}

/*
 * init_8259A - remap both PICs to vectors 32-47 and mask every line but
 * the cascade.
 *
 * Context: boot, interrupts off.
 */
void init_8259A(void)
{
	outb(PIC_MASTER_DATA, 0xff);
	outb(PIC_SLAVE_DATA, 0xff);

	outb(PIC_MASTER_CMD, 0x11);     /* ICW1: init, ICW4 follows */
	io_wait();
	outb(PIC_SLAVE_CMD, 0x11);
	io_wait();
	outb(PIC_MASTER_DATA, 0x20);    /* ICW2: vector base 32 */
	io_wait();
	outb(PIC_SLAVE_DATA, 0x28);     /*        vector base 40 */
	io_wait();
	outb(PIC_MASTER_DATA, 1 << 2);  /* ICW3: slave on IRQ 2 */
	io_wait();
	outb(PIC_SLAVE_DATA, 2);        /*        slave identity 2 */
	io_wait();
	outb(PIC_MASTER_DATA, 0x01);    /* ICW4: 8086 mode */
	io_wait();
	outb(PIC_SLAVE_DATA, 0x01);
	io_wait();

	cached_mask = 0xffff & ~(1u << 2);      /* cascade open, rest masked */
	write_masks();
}

/* i8259_mask - stop irq from reaching the CPU. */
void i8259_mask(unsigned int irq)
{
	unsigned long flags;

	spin_lock_irqsave(&i8259_lock, flags);
	cached_mask |= (u16)(1u << irq);
	write_masks();
	spin_unlock_irqrestore(&i8259_lock, flags);
}

/* i8259_unmask - let irq reach the CPU. */
void i8259_unmask(unsigned int irq)
{
	unsigned long flags;

	spin_lock_irqsave(&i8259_lock, flags);
	cached_mask &= (u16)~(1u << irq);
	write_masks();
	spin_unlock_irqrestore(&i8259_lock, flags);
}

/* i8259_eoi - signal End Of Interrupt for irq. Context: IRQ handler. */
void i8259_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, PIC_EOI);
	outb(PIC_MASTER_CMD, PIC_EOI);
}

/*
 * i8259_spurious - whether irq (7 or 15) was spurious. For a spurious 15
 * the master still saw a real cascade interrupt and gets its EOI here.
 */
bool i8259_spurious(unsigned int irq)
{
	u8 isr;

	if (irq != 7 && irq != 15)
		return false;
	if (irq == 7) {
		outb(PIC_MASTER_CMD, PIC_READ_ISR);
		isr = inb(PIC_MASTER_CMD);
		return !(isr & 0x80);
	}
	outb(PIC_SLAVE_CMD, PIC_READ_ISR);
	isr = inb(PIC_SLAVE_CMD);
	if (isr & 0x80)
		return false;
	outb(PIC_MASTER_CMD, PIC_EOI);
	return true;
}
