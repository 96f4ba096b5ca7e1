#ifndef ARCH_X86_64_FW_CFG_H
#define ARCH_X86_64_FW_CFG_H

#include "lib/types.h"

int fw_cfg_read_file(const char *name, char *buf, size_t len);

#endif
