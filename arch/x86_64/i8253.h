#ifndef ARCH_X86_64_I8253_H
#define ARCH_X86_64_I8253_H

#include "lib/types.h"

#define PIT_TICK_RATE   1193182         /* Hz: the PIT's input clock */

void pit_timer_init(unsigned int hz, void (*tick)(void));
u64 pit_calibrate_tsc(unsigned int ms);

#endif
