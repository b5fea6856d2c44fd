#ifndef CV2BIB_FIELDS_H
#define CV2BIB_FIELDS_H
#endif
