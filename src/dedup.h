#ifndef CV2BIB_DEDUP_H
#define CV2BIB_DEDUP_H
#endif
