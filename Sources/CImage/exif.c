/* EXIF metadata with libexif: orientation (applied by fn_decode) and the fields stored per photo. */
#include "internal.h"

#include <libexif/exif-data.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_ascii(ExifData *exif, ExifIfd ifd, ExifTag tag, char *dst, size_t dstlen) {
    ExifEntry *entry = exif_content_get_entry(exif->ifd[ifd], tag);
    if (!entry || dst[0] != '\0')
        return;
    char value[256];
    exif_entry_get_value(entry, value, sizeof value);
    /* Trim the padding spaces and NULs that cameras leave in fixed-width fields. */
    size_t n = strlen(value);
    while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\0'))
        value[--n] = '\0';
    snprintf(dst, dstlen, "%s", value);
}

void fn_read_exif(const uint8_t *app1, size_t size, fn_photo_info *info) {
    ExifData *exif = exif_data_new_from_data(app1, (unsigned int)size);
    if (!exif)
        return;
    ExifEntry *o = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (o && o->format == EXIF_FORMAT_SHORT && o->components >= 1) {
        int value = exif_get_short(o->data, exif_data_get_byte_order(exif));
        info->orientation = (value >= 1 && value <= 8) ? value : 1;
    }
    copy_ascii(exif, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, info->date_taken, sizeof info->date_taken);
    copy_ascii(exif, EXIF_IFD_0, EXIF_TAG_DATE_TIME, info->date_taken, sizeof info->date_taken);
    copy_ascii(exif, EXIF_IFD_0, EXIF_TAG_MAKE, info->make, sizeof info->make);
    copy_ascii(exif, EXIF_IFD_0, EXIF_TAG_MODEL, info->model, sizeof info->model);
    copy_ascii(exif, EXIF_IFD_EXIF, (ExifTag)0xA431 /* BodySerialNumber */, info->serial, sizeof info->serial);
    exif_data_unref(exif);
}

void fn_read_exif_tiff(const uint8_t *tiff, size_t size, fn_photo_info *info) {
    /* Some writers keep the APP1 header; libexif reads that form as it is. */
    if (size >= 6 && memcmp(tiff, "Exif\0\0", 6) == 0) {
        fn_read_exif(tiff, size, info);
        return;
    }
    /* libexif reads an APP1 payload: "Exif\0\0" before the TIFF structure. */
    if (size < 8 || size > 64u * 1024u * 1024u)
        return;
    uint8_t *app1 = (uint8_t *)malloc(size + 6);
    if (!app1)
        return;
    memcpy(app1, "Exif\0\0", 6);
    memcpy(app1 + 6, tiff, size);
    fn_read_exif(app1, size + 6, info);
    free(app1);
}
